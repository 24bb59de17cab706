/**
 * Paperless tracking: every step of every process instance is recorded (who, when, DIGITAL or PAPER) by one generic
 * engine hook, so a new BPMN file is tracked without new Java.
 */
package vn.truongso.paperless;
