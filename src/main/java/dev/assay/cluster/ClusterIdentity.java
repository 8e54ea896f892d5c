package dev.assay.cluster;

import dev.assay.AssayException;
import dev.assay.ErrorKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PfxOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a member of an Assay cluster derives from the cluster token, the same on every member and
 * nothing of it secret but the key: the Hazelcast cluster name, and an Ed25519 key with its
 * self-signed certificate for the event bus's mutual TLS. Each is an HMAC-SHA256 of the token with its
 * own label, so none reveals the token or another. Every member presents that certificate and trusts
 * only it, with client authentication required: a process without the token cannot make the key, so
 * it completes no TLS handshake with a member, and neither sends nor receives a single event-bus
 * message (work, replies, heartbeats). Without a token ({@link #open}) the cluster name is
 * {@value #OPEN_NAME} and the event bus is plain TCP (loopback only; the config refuses more).
 */
public record ClusterIdentity(String name, boolean tls, PfxOptions keyCert, PfxOptions trust, String fingerprint) {
  static final String OPEN_NAME = "assay-open";
  /** The shortest token accepted: as the web API's bearer token. */
  public static final int MIN_TOKEN = 16;
  private static final String STORE_PASSWORD = "assay-cluster";

  /** A cluster without a token: plain event bus, the fixed name {@value #OPEN_NAME}. */
  public static ClusterIdentity open() {
    return new ClusterIdentity(OPEN_NAME, false, null, null, "");
  }

  /** The identity every member holding {@code token} derives. */
  public static ClusterIdentity of(String token) {
    if (token == null || token.length() < MIN_TOKEN) {
      throw AssayException.config("the cluster token must be at least " + MIN_TOKEN + " characters (cluster.token_env)");
    }
    try {
      String name = "assay-" + HexFormat.of().formatHex(hmac(token, "assay cluster name v1"), 0, 12);
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, new Fixed(hmac(token, "assay cluster tls key v1")));
      KeyPair kp = g.generateKeyPair();
      byte[] cert = certificate(kp, "CN=" + name);
      Certificate x509 = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert));
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("member", kp.getPrivate(), STORE_PASSWORD.toCharArray(), new Certificate[] {x509});
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("cluster", x509);
      String fp = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert), 0, 8);
      return new ClusterIdentity(name, true, pfx(keys), pfx(trust), fp);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new AssayException(ErrorKind.INTERNAL, "cannot derive the cluster's TLS key: " + e.getMessage(), e);
    }
  }

  /** This identity under another cluster name (tests: a member that knows the name but not the token). */
  ClusterIdentity named(String other) {
    return new ClusterIdentity(other, tls, keyCert, trust, fingerprint);
  }

  private static byte[] hmac(String token, String label) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
  }

  /** A v3 self-signed certificate of {@code kp}, valid 2025..2125, serial 1: the same bytes on every member. */
  private static byte[] certificate(KeyPair kp, String dn) throws GeneralSecurityException {
    byte[] ed25519 = Der.sequence(Der.oid(1, 3, 101, 112));
    byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(2, 5, 4, 3), Der.utf8(dn.substring(3)))));
    byte[] basic = Der.sequence(Der.oid(2, 5, 29, 19), Der.bool(true), Der.octets(Der.sequence(Der.bool(true))));
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)),
        Der.integer(BigInteger.ONE),
        ed25519,
        name,
        Der.sequence(Der.time("20250101000000"), Der.time("21250101000000")),
        name,
        kp.getPublic().getEncoded(),
        Der.explicit(3, Der.sequence(basic)));
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(kp.getPrivate());
    s.update(tbs);
    return Der.sequence(tbs, ed25519, Der.bits(s.sign()));
  }

  private static PfxOptions pfx(KeyStore ks) throws GeneralSecurityException, java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, STORE_PASSWORD.toCharArray());
    return new PfxOptions().setValue(Buffer.buffer(out.toByteArray())).setPassword(STORE_PASSWORD);
  }

  /** A "random" source that hands out one fixed seed: Ed25519's private key is those 32 bytes. */
  private static final class Fixed extends SecureRandom {
    private final byte[] seed;

    Fixed(byte[] seed) {
      super(new byte[0]);
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("Ed25519 wants " + bytes.length + " bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
