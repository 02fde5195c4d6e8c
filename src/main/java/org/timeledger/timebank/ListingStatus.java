package org.timeledger.timebank;

/**
 * Where a listing stands. Only {@code OPEN} and {@code CLOSED} are stored: an open listing past
 * its {@code expiresOn} (a day in the scheme's time zone) is {@code EXPIRED} without anything
 * having to run.
 */
public enum ListingStatus {
    OPEN,
    CLOSED,
    EXPIRED
}
