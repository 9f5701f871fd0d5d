package jp.madoguchi.platform.jobs;

/** What one run of a batch job asks for next. */
public enum Next {
    /** Nothing (more) to do: wait for the next wake-up or poll. */
    IDLE,
    /** A batch was processed and more may be waiting: run again at once. */
    AGAIN,
    /** Something failed that time may cure: run again after a backoff, without waiting for the poll. */
    RETRY
}
