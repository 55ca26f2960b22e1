package io.arbiter.input;

import java.util.regex.Pattern;

/** What a customer id may be, wherever one comes in: a path, a document, an event, a filter. */
public final class CustomerIds {

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String RULE = "must be 1-64 characters of A-Z a-z 0-9 . _ -";

    private CustomerIds() {
    }

    public static boolean valid(String customerId) {
        return customerId != null && CUSTOMER_ID.matcher(customerId).matches();
    }
}
