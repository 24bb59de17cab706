/**
 * Small pieces every capability shares: problem+json errors, Vietnam time, the working-day calendar, the Vietnamese
 * fonts and the text writer of the PDFs we generate ({@link vn.truongso.common.PdfTextWriter}).
 *
 * <p>A validated request: put Bean Validation constraints on the request record's components with
 * {@code message = "{CODE}"}, add {@code CODE=<Vietnamese text>} to {@code messages_vi.properties}, and mark where the
 * record enters with {@code @Valid}: on the controller's {@code @RequestBody} parameter when only the API sends it, or
 * on the service method's parameter (the service class {@code @Validated}) when a page builds the same record, so both
 * get the check. The key in UPPER_SNAKE_CASE is the stable {@code code} of the 400 problem+json (other keys, such as
 * {@code delegation.note.size}, answer {@code VALIDATION_FAILED}); when several fields are wrong the first in the
 * record's declaration order answers, and {@code fields} gives every field's text. Constraints check shape only
 * (required, length, range, pattern); what needs the database, permissions or several fields stays in the service as
 * an {@link vn.truongso.common.ApiException}.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package vn.truongso.common;
