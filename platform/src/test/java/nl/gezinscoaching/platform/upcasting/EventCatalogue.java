package nl.gezinscoaching.platform.upcasting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.gezinscoaching.events.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * The catalogue of stored events: every event type at every revision it was ever stored with, its fields
 * (nested records flattened: {@code family.name}, {@code children[].birthDate}) and which of them are
 * personal data, and the values of every enumeration they carry. Read from the event classes for the
 * current revisions; older revisions are kept from the committed catalogue (docs/events.md), which is this
 * class's own output.
 */
record EventCatalogue(Map<String, Event> events, Map<String, ValueSet> valueSets) {

    static final String EVENTS_PACKAGE = "nl.gezinscoaching.events";

    /** One event type at one revision. */
    record Event(String type, String revision, List<Field> fields) {
        String key() {
            return key(type, revision);
        }

        static String key(String type, String revision) {
            return type + "@" + revision;
        }

        String simpleName() {
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    record Field(String name, String type, boolean personal) {
    }

    /** The constants of an enumeration carried by events: stored by name. */
    record ValueSet(String type, List<String> values) {
    }

    /** The catalogue of the event classes as they are now. */
    static EventCatalogue ofClasses() {
        Map<String, Event> events = new TreeMap<>();
        Map<String, ValueSet> valueSets = new TreeMap<>();
        for (Class<?> type : classesOfEventsPackage()) {
            Revision revision = type.getAnnotation(Revision.class);
            if (revision == null || !type.isRecord()) {
                continue;
            }
            List<Field> fields = new ArrayList<>();
            flatten("", type, fields, valueSets);
            Event event = new Event(type.getName(), revision.value(), fields);
            events.put(event.key(), event);
        }
        return new EventCatalogue(events, valueSets);
    }

    private static void flatten(String prefix, Class<?> record, List<Field> fields, Map<String, ValueSet> valueSets) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + component.getName();
            boolean personal = component.isAnnotationPresent(PersonalData.class);
            Type generic = component.getGenericType();
            Class<?> raw = component.getType();
            Class<?> element = raw;
            String suffix = "";
            if (generic instanceof ParameterizedType parameterized && (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw))) {
                element = (Class<?>) parameterized.getActualTypeArguments()[0];
                suffix = "[]";
            }
            fields.add(new Field(name, typeName(generic), personal));
            noteValueSet(element, valueSets);
            if (element.isRecord() && element.getName().startsWith(EVENTS_PACKAGE)) {
                flatten(name + suffix + ".", element, fields, valueSets);
            }
        }
    }

    private static void noteValueSet(Class<?> type, Map<String, ValueSet> valueSets) {
        if (type.isEnum()) {
            valueSets.put(type.getName(), new ValueSet(type.getName(),
                    Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList()));
        }
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return ((Class<?>) parameterized.getRawType()).getSimpleName() + "<"
                    + String.join(", ", Arrays.stream(parameterized.getActualTypeArguments()).map(EventCatalogue::typeName).toList())
                    + ">";
        }
        return ((Class<?>) type).getSimpleName();
    }

    /** Every class of the events package, from its directory or jar. */
    private static List<Class<?>> classesOfEventsPackage() {
        try {
            Path root = Path.of(PersonalData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                return classesUnder(root);
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                return classesUnder(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Class<?>> classesUnder(Path root) throws IOException {
        Path events = root.resolve(EVENTS_PACKAGE.replace('.', '/'));
        try (Stream<Path> files = Files.walk(events)) {
            List<String> names = files.map(root::relativize).map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.endsWith("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .sorted().toList();
            List<Class<?>> classes = new ArrayList<>();
            for (String name : names) {
                try {
                    classes.add(Class.forName(name));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
            return classes;
        }
    }

    // ---- the committed catalogue: docs/events.md, written by render() and read back by parse()

    private static final Pattern EVENT_HEADING = Pattern.compile("^### (\\S+), revision (\\S+)$");
    private static final Pattern TYPE_LINE = Pattern.compile("^`([^`]+)`.*$");
    private static final Pattern FIELD_ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| (yes|) \\|$");
    private static final Pattern VALUES_HEADING = Pattern.compile("^### (\\S+) \\(values\\)$");
    private static final Pattern VALUES_LINE = Pattern.compile("^`([^`]+)`: (.*)$");

    static EventCatalogue parse(String markdown) {
        Map<String, Event> events = new TreeMap<>();
        Map<String, ValueSet> valueSets = new TreeMap<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher heading = EVENT_HEADING.matcher(lines.get(i));
            if (heading.matches()) {
                Matcher type = TYPE_LINE.matcher(lines.get(i + 1));
                if (!type.matches()) {
                    throw new IllegalArgumentException("docs/events.md line " + (i + 2) + ": expected the class name");
                }
                List<Field> fields = new ArrayList<>();
                int row = i + 2;
                while (row < lines.size() && !lines.get(row).startsWith("### ") && !lines.get(row).startsWith("## ")) {
                    Matcher field = FIELD_ROW.matcher(lines.get(row));
                    if (field.matches()) {
                        fields.add(new Field(field.group(1), field.group(2), !field.group(3).isEmpty()));
                    }
                    row++;
                }
                Event event = new Event(type.group(1), heading.group(2), fields);
                events.put(event.key(), event);
                continue;
            }
            Matcher values = VALUES_HEADING.matcher(lines.get(i));
            if (values.matches()) {
                Matcher line = VALUES_LINE.matcher(lines.get(i + 1));
                if (!line.matches()) {
                    throw new IllegalArgumentException("docs/events.md line " + (i + 2) + ": expected the values");
                }
                List<String> constants = Arrays.stream(line.group(2).split(",")).map(String::strip)
                        .map(v -> v.replace("`", "")).filter(v -> !v.isEmpty()).toList();
                valueSets.put(line.group(1), new ValueSet(line.group(1), constants));
            }
        }
        return new EventCatalogue(events, valueSets);
    }

    /** The newest revision per event type. */
    Map<String, String> currentRevisions() {
        Map<String, String> current = new TreeMap<>();
        events.values().forEach(e -> current.merge(e.type(), e.revision(),
                (a, b) -> compareRevisions(a, b) >= 0 ? a : b));
        return current;
    }

    static int compareRevisions(String a, String b) {
        try {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    String render() {
        Map<String, String> current = currentRevisions();
        StringBuilder out = new StringBuilder("""
                # Event catalogue

                Every event type the platform stores, at every revision it was ever stored with: its fields (nested
                records flattened, `[]` for each element of a list) and which of them are personal data (encrypted
                with the family's key, unreadable after an erasure; see architecture.md). Events are kept twenty
                years: a stored event is never rewritten, an older revision is upcast when it is read (platform
                `EventUpcasting`), so code only sees the newest revision of each type.

                **Generated and checked** by platform `EventCatalogueTest` against the event classes: the build fails
                when a class changes shape without a new revision, when an older revision has no upcaster to the
                newest, or when a stored enumeration value disappears. To change an event: raise its `@Revision`,
                add an upcaster from the previous revision to `EventUpcasting`, add a stored-JSON fixture of the old
                revision (query-service `src/test/resources/stored-events/`), then add the new revision here with
                `./mvnw -pl platform test -Dtest=EventCatalogueTest -Devents.catalogue.update=true`. Entries of
                older revisions are never changed: they describe what a database holds.

                ## Events
                """);
        String pack = null;
        for (Event event : events.values().stream().sorted(Comparator.comparing(Event::type)
                .thenComparing(Event::revision, (a, b) -> compareRevisions(b, a))).toList()) {
            String eventPackage = event.type().substring(EVENTS_PACKAGE.length() + 1, event.type().lastIndexOf('.'));
            if (!eventPackage.equals(pack)) {
                pack = eventPackage;
                out.append("\n## ").append(pack).append('\n');
            }
            boolean newest = event.revision().equals(current.get(event.type()));
            out.append("\n### ").append(event.simpleName()).append(", revision ").append(event.revision()).append('\n');
            out.append('`').append(event.type()).append('`')
                    .append(newest ? " (current)" : " (stored by older versions; read as revision "
                            + current.get(event.type()) + ")").append("\n\n");
            out.append("| field | type | personal data |\n|---|---|---|\n");
            for (Field field : event.fields()) {
                out.append("| `").append(field.name()).append("` | `").append(field.type()).append("` | ")
                        .append(field.personal() ? "yes" : "").append(" |\n");
            }
        }
        out.append("\n## Value sets\n\nStored by name: a value may be added, never renamed or removed.\n");
        for (ValueSet set : valueSets.values()) {
            out.append("\n### ").append(set.type().substring(set.type().lastIndexOf('.') + 1)).append(" (values)\n")
                    .append('`').append(set.type()).append("`: ")
                    .append(String.join(", ", set.values().stream().map(v -> "`" + v + "`").toList())).append('\n');
        }
        return out.toString();
    }

    /**
     * This catalogue (of the classes) merged into the committed one: the committed entries of other
     * revisions stay as they are; {@code problems} gets every change that needs a new revision.
     */
    EventCatalogue mergedInto(EventCatalogue committed, List<String> problems) {
        Map<String, Event> merged = new TreeMap<>(committed.events());
        for (Event event : events.values()) {
            Event before = committed.events().get(event.key());
            if (before != null && !before.fields().equals(event.fields())) {
                problems.add(event.type() + " changed shape at revision " + event.revision()
                        + " without a new revision: raise its @Revision and add an upcaster from " + event.revision()
                        + " (catalogued: " + before.fields() + ", now: " + event.fields() + ")");
            }
            if (before == null) {
                merged.put(event.key(), event);
            }
        }
        Set<String> types = new LinkedHashSet<>();
        events.values().forEach(e -> types.add(e.type()));
        for (Event old : committed.events().values()) {
            if (!types.contains(old.type())) {
                problems.add(old.type() + " is stored (revision " + old.revision() + ") but its class is gone: "
                        + "stored events of that type could no longer be read");
            }
        }
        Map<String, ValueSet> values = new TreeMap<>(valueSets);
        for (ValueSet old : committed.valueSets().values()) {
            ValueSet now = valueSets.get(old.type());
            List<String> missing = now == null ? old.values()
                    : old.values().stream().filter(v -> !now.values().contains(v)).toList();
            if (!missing.isEmpty()) {
                problems.add(old.type() + " lost stored values " + missing + ": stored events may hold them");
            }
        }
        return new EventCatalogue(merged, values);
    }
}
