package vn.truongso.common;

/** How a step was done: on the system, or on paper (printed, signed by hand, scanned, carried). */
public enum Channel {
    DIGITAL,
    PAPER
}
