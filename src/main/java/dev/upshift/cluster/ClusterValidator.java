package dev.upshift.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.upshift.remote.InvalidPrivateKeyException;
import dev.upshift.remote.SshKeys;

/**
 * Checks a {@link ClusterCommand} without touching the network: shape of every field, duplicates, key material.
 * The network checks (Bolt reachable, host keys match) are {@link ClusterProbe}'s.
 */
final class ClusterValidator {

    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$");
    private static final Pattern FINGERPRINT = Pattern.compile("^SHA256:[A-Za-z0-9+/]{43}=?$");
    /** Paths end up in shell commands: keep them to characters that need no quoting. */
    private static final Pattern PATH = Pattern.compile("^/[A-Za-z0-9._/-]{0,498}$");
    private static final Pattern USER = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{N} ._()-]{1,100}$");

    private ClusterValidator() {
    }

    /**
     * @param stored the cluster being edited (its stored secrets count as present), or null on create
     * @return field errors, empty when the command is well-formed
     */
    static Map<String, String> validate(ClusterCommand cmd, Cluster stored, boolean nameTaken) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(cmd.name())) {
            errors.put("name", "Give the cluster a name.");
        } else if (!NAME.matcher(cmd.name().strip()).matches()) {
            errors.put("name", "Use up to 100 letters, digits, spaces and . _ ( ) -");
        } else if (nameTaken) {
            errors.put("name", "A cluster named \"" + cmd.name().strip() + "\" already exists.");
        }
        String boltError = boltUriError(cmd.boltUri());
        if (boltError != null) {
            errors.put("boltUri", boltError);
        }
        if (cmd.auth() == null) {
            errors.put("auth", "Choose how the panel signs in to Neo4j.");
        } else if (cmd.auth() == Neo4jAuth.BASIC) {
            if (blank(cmd.neo4jUsername())) {
                errors.put("neo4jUsername", "Basic authentication needs a user name.");
            } else if (!USER.matcher(cmd.neo4jUsername().strip()).matches()) {
                errors.put("neo4jUsername", "A Neo4j user name has only letters, digits and . _ -");
            }
            boolean storedPassword = stored != null && stored.getNeo4jPasswordEnc() != null;
            if (blank(cmd.neo4jPassword()) && !storedPassword) {
                errors.put("neo4jPassword", "Basic authentication needs a password.");
            }
        }
        String webhookError = webhookUrlError(cmd.webhookUrl());
        if (webhookError != null) {
            errors.put("webhookUrl", webhookError);
        }
        List<ServerCommand> servers = cmd.servers() == null ? List.of() : cmd.servers();
        if (servers.isEmpty()) {
            errors.put("servers", "Add the cluster's servers (Discover proposes them).");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < servers.size(); i++) {
            validateServer(servers.get(i), "servers[" + i + "].", stored, seen, errors);
        }
        return errors;
    }

    private static void validateServer(ServerCommand s, String p, Cluster stored, Set<String> seen, Map<String, String> errors) {
        if (blank(s.address()) || !HOST.matcher(s.address().strip()).matches()) {
            errors.put(p + "address", "Enter the server's host name or IP address.");
        } else if (!seen.add(s.address().strip().toLowerCase())) {
            errors.put(p + "address", "This server is listed twice.");
        }
        if (s.role() == null) {
            errors.put(p + "role", "Choose the server's role.");
        }
        if (s.sshPort() < 1 || s.sshPort() > 65535) {
            errors.put(p + "sshPort", "An SSH port is between 1 and 65535.");
        }
        if (blank(s.sshUser())) {
            errors.put(p + "sshUser", "Enter the SSH user.");
        } else if (!USER.matcher(s.sshUser().strip()).matches()) {
            errors.put(p + "sshUser", "An SSH user name has only letters, digits and . _ -");
        }
        boolean storedSecret = stored != null && s.address() != null && stored.getServers().stream()
                .anyMatch(x -> x.getAddress().equalsIgnoreCase(s.address().strip()) && (x.hasStoredKey() || x.hasStoredPassword()));
        if (s.hasPrivateKey()) {
            try {
                SshKeys.parsePrivateKey(s.privateKey().strip() + "\n");
            } catch (InvalidPrivateKeyException e) {
                errors.put(p + "privateKey", e.getMessage());
            }
        } else if (!s.hasPassword() && !storedSecret) {
            errors.put(p + "privateKey", "Give a private key or a password for SSH.");
        }
        if (blank(s.hostKeyFingerprint())) {
            errors.put(p + "hostKeyFingerprint", "Fetch the server's host key and confirm its fingerprint.");
        } else if (!FINGERPRINT.matcher(s.hostKeyFingerprint().strip()).matches()) {
            errors.put(p + "hostKeyFingerprint", "A fingerprint looks like SHA256: followed by 43 base64 characters.");
        }
        if (s.installType() == null) {
            errors.put(p + "installType", "Choose the installation type.");
        }
        requireAbsolute(s.neo4jHome(), p + "neo4jHome", "NEO4J_HOME", errors);
        requireAbsolute(s.confDir(), p + "confDir", "The configuration directory", errors);
        requireAbsolute(s.dataDir(), p + "dataDir", "The data directory", errors);
    }

    static String boltUriError(String value) {
        if (blank(value)) {
            return "Enter the Bolt address of one member, e.g. bolt://10.0.0.5:7687.";
        }
        try {
            URI uri = new URI(value.strip());
            if (!"bolt".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
                    || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                return "\"" + value.strip() + "\" is not a Bolt address: use bolt://host:port of one member.";
            }
            return null;
        } catch (URISyntaxException e) {
            return "\"" + value.strip() + "\" is not a Bolt address: use bolt://host:port of one member.";
        }
    }

    /** Null or blank (no webhook) is fine; otherwise an absolute http(s) URL without credentials in it. */
    static String webhookUrlError(String value) {
        if (blank(value)) {
            return null;
        }
        String url = value.strip();
        String problem = "\"" + url + "\" is not a webhook address: use an http:// or https:// URL, e.g. "
                + "https://chat.example.com/hooks/upgrades.";
        if (url.length() > 500) {
            return "A webhook URL has at most 500 characters.";
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getHost().isBlank()) {
                return problem;
            }
            if (uri.getRawUserInfo() != null) {
                return "Put no user name or password in the webhook URL: it is shown to every role that reads the cluster.";
            }
            return null;
        } catch (URISyntaxException e) {
            return problem;
        }
    }

    /** Where a webhook goes, without its path or query (which may carry a token): for the audit log. */
    static String webhookHost(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (URISyntaxException e) {
            return "invalid";
        }
    }

    private static void requireAbsolute(String value, String field, String what, Map<String, String> errors) {
        if (blank(value) || !value.strip().startsWith("/")) {
            errors.put(field, what + " must be an absolute path.");
        } else if (!PATH.matcher(value.strip()).matches()) {
            errors.put(field, what + " may contain only letters, digits and / . _ - (no spaces, quotes or markup).");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
