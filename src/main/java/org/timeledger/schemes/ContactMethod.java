package org.timeledger.schemes;

/** How a member prefers to be reached; NONE: they asked not to be contacted. */
public enum ContactMethod { PHONE, EMAIL, POST, NONE }
