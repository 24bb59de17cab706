/**
 * Registers (sổ văn bản đi / đến, Decree 30/2020/NĐ-CP) and finding documents. {@link vn.truongso.register.OutgoingRegister}
 * gives issued documents their number and symbol ("Số: 05/BC-THCSHB"), {@link vn.truongso.register.IncomingRegister}
 * checks an arriving electronic document's signatures and gives it an arrival number or returns it with the reason;
 * {@code GET /api/documents} finds any readable document by title, number or person and says where it is now.
 * Processes with a status of their own tell it through {@link vn.truongso.register.DocumentStatusSource}.
 */
package vn.truongso.register;
