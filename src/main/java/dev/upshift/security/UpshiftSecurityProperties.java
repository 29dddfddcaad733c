package dev.upshift.security;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The security settings. The environment variables {@code UPSHIFT_ADMIN_PASSWORD} and {@code UPSHIFT_MASTER_KEY}
 * bind to {@code upshift.admin-password} and {@code upshift.master-key}.
 *
 * @param dataDir       where the panel keeps its files ({@code upshift.data-dir}); the key file lives here
 * @param adminPassword password of the {@code admin} account created on first start; random (logged once) if unset
 * @param masterKey     Base64 of 32 random bytes encrypting stored secrets; if unset, {@code <data-dir>/master.key}
 *                      is used (and created with permissions 0600 on first start)
 * @param security      further security settings ({@code upshift.security.*})
 */
@ConfigurationProperties("upshift")
public record UpshiftSecurityProperties(
        @DefaultValue("./data") Path dataDir,
        String adminPassword,
        String masterKey,
        @DefaultValue Security security) {

    /**
     * @param minPasswordLength shortest password a user may be given
     */
    public record Security(@DefaultValue("12") int minPasswordLength) {
    }
}
