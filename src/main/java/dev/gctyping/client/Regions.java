package dev.gctyping.client;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Genesys Cloud regions: each accepted by its domain ({@code mypurecloud.ie}) or its AWS region id
 * ({@code eu-west-1}, also with underscores), as Genesys' own {@code gc} CLI accepts them.
 */
public final class Regions {
    /** AWS region id → domain, from the {@code gc} CLI's region table (docs/protocol.md). */
    private static final Map<String, String> DOMAINS_BY_AWS_ID = Map.ofEntries(
            Map.entry("us-east-1", "mypurecloud.com"),
            Map.entry("eu-west-1", "mypurecloud.ie"),
            Map.entry("ap-southeast-2", "mypurecloud.com.au"),
            Map.entry("ap-northeast-1", "mypurecloud.jp"),
            Map.entry("eu-central-1", "mypurecloud.de"),
            Map.entry("us-west-2", "usw2.pure.cloud"),
            Map.entry("ca-central-1", "cac1.pure.cloud"),
            Map.entry("ap-northeast-2", "apne2.pure.cloud"),
            Map.entry("eu-west-2", "euw2.pure.cloud"),
            Map.entry("ap-south-1", "aps1.pure.cloud"),
            Map.entry("us-east-2", "use2.us-gov-pure.cloud"),
            Map.entry("sa-east-1", "sae1.pure.cloud"),
            Map.entry("me-central-1", "mec1.pure.cloud"),
            Map.entry("ap-northeast-3", "apne3.pure.cloud"),
            Map.entry("eu-central-2", "euc2.pure.cloud"),
            Map.entry("mx-central-1", "mxc1.pure.cloud"),
            Map.entry("ap-southeast-1", "apse1.pure.cloud"));

    private Regions() {}

    /**
     * The domain for a region name, AWS id or domain (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown region, listing the valid ones
     */
    public static String domain(String region) {
        String key = region.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        String byAwsId = DOMAINS_BY_AWS_ID.get(key);
        if (byAwsId != null) {
            return byAwsId;
        }
        if (DOMAINS_BY_AWS_ID.containsValue(key)) {
            return key;
        }
        throw new IllegalArgumentException("unknown region '" + region + "'; valid regions: " + validRegions());
    }

    /** "domain (aws-id)" pairs, sorted by domain, for error messages and help. */
    public static String validRegions() {
        Map<String, String> sorted = new TreeMap<>();
        DOMAINS_BY_AWS_ID.forEach((awsId, domain) -> sorted.put(domain, awsId));
        StringBuilder list = new StringBuilder();
        sorted.forEach((domain, awsId) -> list.append(list.length() == 0 ? "" : ", ")
                .append(domain)
                .append(" (")
                .append(awsId)
                .append(')'));
        return list.toString();
    }
}
