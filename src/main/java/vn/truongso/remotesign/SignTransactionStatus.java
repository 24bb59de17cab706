package vn.truongso.remotesign;

/** Where a sign transaction stands: PENDING until its owner confirms (SIGNED), refuses (REJECTED) or lets it lapse. */
enum SignTransactionStatus { PENDING, SIGNED, REJECTED, EXPIRED }
