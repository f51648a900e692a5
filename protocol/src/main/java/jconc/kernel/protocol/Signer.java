package jconc.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures of wire messages. An empty key disables signing, as the spec allows. */
public final class Signer {
    private final SecretKeySpec key;
    private final String algorithm;

    public Signer(String key, String scheme) {
        String s = scheme == null || scheme.isEmpty() ? "hmac-sha256" : scheme;
        if (!s.equals("hmac-sha256")) {
            throw new IllegalArgumentException("unsupported signature scheme " + scheme);
        }
        this.algorithm = "HmacSHA256";
        this.key = key == null || key.isEmpty()
                ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm);
    }

    /** Hex signature of the four JSON parts (header, parent, metadata, content). */
    public String sign(List<byte[]> parts) {
        if (key == null) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks a received signature in constant time. */
    public boolean verify(String signature, List<byte[]> parts) {
        if (key == null) {
            return true;
        }
        byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
