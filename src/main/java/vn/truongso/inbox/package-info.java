/**
 * The task inbox: each user's tasks from every process (assigned, or offered to their groups in their own
 * organisation), claiming and completing them with a decision, a comment and the channel (DIGITAL or PAPER).
 */
package vn.truongso.inbox;
