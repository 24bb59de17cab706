package vn.truongso.notification;

/** How a person wants to hear of one kind of event by e-mail (issue 14): at once, in the morning digest, or not. */
public enum Delivery {
    AT_ONCE, DIGEST, NONE
}
