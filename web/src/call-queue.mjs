// Calls the page makes before the engine runs: each waits in order and returns a Promise of its
// result (rejected with the start-up error when the engine cannot start). A call that answers with
// a Promise itself (configure compiling in the toolkit) is waited for before the next one, and
// calls made while the queue drains wait behind it, so calls keep their order.

export class CallQueue {
  constructor() {
    this.calls = [];
    this.failure = null;
    this.draining = false;
  }

  /** Queues `run`; a Promise of what it returns. */
  later(run) {
    const result = this.failure ? Promise.reject(this.failure) : new Promise((resolve, reject) => {
      // One failing call rejects its own Promise; the engine and the other calls go on.
      this.calls.push({
        run: () => {
          try {
            const value = run();
            resolve(value);
            return value;
          } catch (error) {
            reject(error);
            return null;
          }
        },
        fail: reject,
      });
    });
    result.catch(() => {});  // a page that ignores the result must not see an unhandled rejection
    return result;
  }

  /** `method` runs at once when `isReady()` and nothing is queued, else later. */
  whenReady(isReady, method) {
    return (...args) => (isReady() && !this.draining ? method(...args) : this.later(() => method(...args)));
  }

  /** Runs every queued call in order. */
  async drain() {
    this.draining = true;
    try {
      while (this.calls.length) {
        const value = this.calls.shift().run();
        if (value && typeof value.then === 'function') await value.then(() => {}, () => {});
      }
    } finally {
      this.draining = false;
    }
  }

  /** The engine cannot start: every queued call and every later one is rejected with `error`. */
  failAll(error) {
    this.failure = error;
    for (const call of this.calls.splice(0)) call.fail(error);
  }
}
