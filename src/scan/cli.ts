// STUB — replaced by the leak-detection issue (retrac-scan CLI).
export {};
