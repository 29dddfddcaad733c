package dev.upshift.system;

import org.springframework.web.util.UriComponentsBuilder;

/** The URL of a filtered list page: the filters that are set (blank ones left out), then the page when not the first. */
public final class FilterLinks {

    private FilterLinks() {
    }

    /** @param namesAndValues query parameter names, each followed by its value (null or blank: left out) */
    public static String link(String path, Integer page, String... namesAndValues) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                uri.queryParam(namesAndValues[i], value.strip());
            }
        }
        if (page != null && page > 0) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }
}
