package nl.gezinscoaching.platform.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Upcasts the JSON payload of one event type from one revision to the next. The change works on the JSON
 * as stored: encrypted personal fields ({@code enc:v1:...}) pass through untouched, so an upcaster never
 * needs the family's key and an erased family's events upcast like any other.
 */
abstract class JsonFieldUpcaster extends SingleEventUpcaster {

    private final String typeName;
    private final String fromRevision;
    private final SimpleSerializedType upcastType;

    JsonFieldUpcaster(Class<?> eventClass, String fromRevision, String toRevision) {
        this.typeName = eventClass.getName();
        this.fromRevision = fromRevision;
        this.upcastType = new SimpleSerializedType(typeName, toRevision);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return typeName.equals(representation.getType().getName())
                && Objects.equals(fromRevision, representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(upcastType, JsonNode.class, payload -> {
            if (payload instanceof ObjectNode object) {
                change(object);
            }
            return payload;
        });
    }

    /** Changes the stored JSON object of the older revision into the shape of the next. */
    abstract void change(ObjectNode payload);
}
