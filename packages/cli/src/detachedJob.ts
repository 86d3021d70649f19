/** Tells the background process of `arkor start --detach` which folder of the store its run is recorded in. */
export const DETACHED_JOB_ENV = "ARKOR_DETACHED_JOB";
