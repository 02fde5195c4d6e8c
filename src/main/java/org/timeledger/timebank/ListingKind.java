package org.timeledger.timebank;

/** What a listing says: a member can help ({@code OFFER}) or needs help ({@code REQUEST}). */
public enum ListingKind {
    OFFER,
    REQUEST
}
