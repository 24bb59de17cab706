/**
 * Small pieces every capability shares: problem+json errors, Vietnam time, the working-day calendar, the Vietnamese
 * fonts and the text writer of the PDFs we generate ({@link vn.truongso.common.PdfTextWriter}).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package vn.truongso.common;
