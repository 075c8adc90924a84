package org.watchpost.engine.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client TLS that accepts any server certificate. A scanner identifies and inspects services; it
 * does not authenticate them: the certificate chain is read from the session and judged by the
 * checks themselves (expired, self-signed, untrusted, weak …), so every problem can be reported
 * instead of the handshake failing on the first. Extends {@link X509ExtendedTrustManager} so the
 * JDK does not wrap it with its own algorithm and host-name checks. Never use it to send anything
 * that needs protecting.
 */
public final class AcceptAnyCertificate extends X509ExtendedTrustManager {
    private static final AcceptAnyCertificate INSTANCE = new AcceptAnyCertificate();

    private AcceptAnyCertificate() {
    }

    /** A factory shared by all callers (its context caches sessions, so a later connection may resume). */
    public static SSLSocketFactory socketFactory() {
        return Shared.FACTORY;
    }

    /** A factory of its own: every connection made with it does a full handshake with nothing cached. */
    public static SSLSocketFactory newSocketFactory() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {INSTANCE}, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS support in this JVM: " + e.getMessage(), e);
        }
    }

    private static final class Shared {
        static final SSLSocketFactory FACTORY = newSocketFactory();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // not used: we are the client
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // accepted on purpose (see the class comment)
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
