package nl.gezinscoaching.platform.crypto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Optional;
import nl.gezinscoaching.events.PersonalData;

/**
 * Makes Jackson encrypt every {@link PersonalData} property on the way into the event store and decrypt
 * it on the way out. A value whose family key is erased reads as {@code null}; a plaintext value (written
 * before encryption existed, or by a test) is read as it is.
 */
public class PersonalDataIntrospector extends JacksonAnnotationIntrospector {

    private final FieldCipher cipher;
    private final ObjectMapper plain;

    public PersonalDataIntrospector(FieldCipher cipher, ObjectMapper plain) {
        this.cipher = cipher;
        this.plain = plain;
    }

    @Override
    public Object findSerializer(Annotated annotated) {
        return annotated.hasAnnotation(PersonalData.class) ? new Encrypting() : super.findSerializer(annotated);
    }

    @Override
    public Object findDeserializer(Annotated annotated) {
        return annotated.hasAnnotation(PersonalData.class) ? new Decrypting(null) : super.findDeserializer(annotated);
    }

    final class Encrypting extends StdSerializer<Object> {

        Encrypting() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(cipher.encrypt(PersonalDataSubject.current(), plain.writeValueAsBytes(value)));
        }
    }

    final class Decrypting extends StdDeserializer<Object> implements ContextualDeserializer {

        private final JavaType type;

        Decrypting(JavaType type) {
            super(Object.class);
            this.type = type;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return new Decrypting(property != null ? property.getType() : context.getContextualType());
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING && FieldCipher.isEncrypted(parser.getText())) {
                Optional<byte[]> plaintext = cipher.decrypt(parser.getText());
                return plaintext.isEmpty() ? null : plain.readValue(plaintext.get(), type);
            }
            return context.readValue(parser, type);
        }
    }
}
