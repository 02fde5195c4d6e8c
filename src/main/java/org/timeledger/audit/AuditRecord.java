package org.timeledger.audit;

import java.time.Instant;

/**
 * A row of the audit log as stored: kinds as their stored text, so that a row edited with SQL
 * into nonsense is still read, and named by reconciliation, rather than failing to load.
 * {@code changes} is the JSON text the row's hash covers.
 */
public record AuditRecord(String schemeId, long sequence, Instant at, String actorId, String actorName, String actorRole,
                          String requestId, String action, String subjectType, String subjectId, String changes,
                          String chainHash) {
}
