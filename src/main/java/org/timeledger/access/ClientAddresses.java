package org.timeledger.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;

/**
 * The address a login comes from, as the lockout counts failures by it. The connection's own
 * address, unless {@code timeledger.client-address-header} names the header a reverse proxy in
 * front of the service sets (say {@code X-Forwarded-For}): then its last entry, the one that
 * proxy added. A header is never trusted unless configured, since any client can send one.
 */
@Singleton
public class ClientAddresses {
    static final int MAX_LENGTH = 64;

    private final String header;

    public ClientAddresses(@Value("${timeledger.client-address-header:}") String header) {
        this.header = header == null || header.isBlank() ? null : header.strip();
    }

    public String of(HttpRequest<?> request) {
        if (header != null) {
            String value = request.getHeaders().get(header);
            if (value != null && !value.isBlank()) {
                String[] hops = value.split(",");
                String last = hops[hops.length - 1].strip();
                if (!last.isEmpty()) {
                    return last.length() > MAX_LENGTH ? last.substring(0, MAX_LENGTH) : last;
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        String address = remote == null ? "unknown"
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        return address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
    }
}
