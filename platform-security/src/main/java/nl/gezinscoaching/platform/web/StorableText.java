package nl.gezinscoaching.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every text of a request body is one PostgreSQL can store: a text with the NUL character (U+0000),
 * which JSON can carry as {@code \u0000} but no PostgreSQL text column holds, is refused while the body
 * is read. Otherwise the command would be accepted and its event would fail every projection that copies
 * the text into a read model. {@link RequestProblemHandler} answers it as a 400 with rule
 * {@code no-nul-character}.
 */
public final class StorableText {

    private StorableText() {
    }

    /** The request bodies' String deserializer, with the check. */
    public static JacksonModule module() {
        return new SimpleModule("storable-text").addDeserializer(String.class, new Deserializer());
    }

    /** A text with a NUL character; never carries the text into a message. */
    public static final class NulCharacterException extends InvalidFormatException {

        NulCharacterException(JsonParser parser) {
            super(parser, "A text contains the NUL character", null, String.class);
        }
    }

    private static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                throw new NulCharacterException(parser);
            }
            return text;
        }
    }
}
