package nl.gezinscoaching.platform.requests;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.regex.Pattern;
import nl.gezinscoaching.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, as a 400 problem document and before any parameter is read, what the fuzzer of issue 13 ({@code
 * QueryFuzzIT}) found failing further in: a query string that is not valid percent-encoded UTF-8 (Tomcat's
 * parameter parsing throws, logged as an error with a stack trace), a parameter with a NUL or another control
 * character (PostgreSQL refuses a NUL in a text: a 500), and an {@code Accept} header that is not a list of media
 * types (Spring MVC's 406 then has no body at all). The parameter is named when its name is one of ours to name
 * (letters, digits); its value never.
 */
final class QueryAndAcceptCheck extends OncePerRequestFilter {

    private static final Pattern NAMEABLE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    private final ProblemWriter problems;

    QueryAndAcceptCheck(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String accept : Collections.list(request.getHeaders("Accept"))) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException unparsable) {
                ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-accept", "Invalid Accept header",
                        "The Accept header must be a list of media types, such as application/json or text/csv");
                problem.setProperty("header", "Accept");
                problem.setProperty("rule", "media-type");
                problems.write(response, problem);
                return;
            }
        }
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                String decodedName = decode(name);
                String decodedValue = decode(value);
                String rule = decodedName == null || decodedValue == null ? "encoding"
                        : CONTROL.matcher(decodedName).find() || CONTROL.matcher(decodedValue).find() ? "control-character"
                        : null;
                if (rule != null) {
                    ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                            rule.equals("encoding") ? "A parameter is not valid percent-encoded UTF-8"
                                    : "A parameter contains a control character (such as NUL)");
                    if (decodedName != null && NAMEABLE.matcher(decodedName).matches()) {
                        problem.setProperty("parameter", decodedName);
                    }
                    problem.setProperty("rule", rule);
                    problems.write(response, problem);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** Strict percent-decoding as UTF-8 ({@code +} is a space); null when malformed. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c > 0x7F) {
                // a character that came unencoded: taken as the character it is (never refused for it)
                int codePoint = raw.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException malformed) {
            return null;
        }
    }
}
