package io.arbiter.decisionevents;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Why Jackson could not read some bytes, without the excerpt of them it appends. */
final class JsonText {

    private JsonText() {
    }

    static String reason(IOException e) {
        return e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage();
    }
}
