// STUB — replaced by the foundation issue (sandbox CLI + startSandbox export).
export {};
