package org.timeledger.schemes;

/** Where a member stands: active, left the scheme (deactivated; may come back), or erased (for good). */
public enum MemberStatus { ACTIVE, INACTIVE, ERASED }
