// STUB — replaced by the leak-detection issue (workspace scan worker).
export {};
