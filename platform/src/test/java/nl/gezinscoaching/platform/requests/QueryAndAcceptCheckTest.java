package nl.gezinscoaching.platform.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class QueryAndAcceptCheckTest {

    private final QueryAndAcceptCheck check = new QueryAndAcceptCheck(new ProblemWriter());

    @Test
    void decodesValidPercentEncodedUtf8() {
        assertThat(QueryAndAcceptCheck.decode("Den+Haag%20%C3%A9")).isEqualTo("Den Haag é");
        assertThat(QueryAndAcceptCheck.decode("")).isEmpty();
        // a character that came unencoded is taken as it is
        assertThat(QueryAndAcceptCheck.decode("Zo\u00ebterwoude\uD83D\uDE00")).isEqualTo("Zo\u00ebterwoude\uD83D\uDE00");
    }

    @Test
    void malformedEscapesAndInvalidUtf8DoNotDecode() {
        for (String raw : new String[] {"%", "%2", "%zz", "%c3", "%ff", "%ed%a0%80", "%c0%af", "a%e2%80"}) {
            assertThat(QueryAndAcceptCheck.decode(raw)).as(raw).isNull();
        }
    }

    private MockHttpServletResponse filter(String query, String accept) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/caseload");
        request.setQueryString(query);
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        check.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aNulOrInvalidEncodingIsA400NamingTheParameterNotItsValue() throws Exception {
        MockHttpServletResponse nul = filter("cluster=Noord&district=PII-%00", null);
        assertThat(nul.getStatus()).isEqualTo(400);
        assertThat(nul.getContentType()).startsWith("application/problem+json");
        assertThat(nul.getContentAsString()).contains("\"parameter\":\"district\"", "\"rule\":\"control-character\"")
                .doesNotContain("PII-");
        MockHttpServletResponse invalid = filter("size=%c3", null);
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getContentAsString()).contains("\"parameter\":\"size\"", "\"rule\":\"encoding\"");
        // a name that is not ours to repeat is not repeated
        assertThat(filter("PII-%3Cx%3E=%00", null).getContentAsString()).doesNotContain("PII-", "\"parameter\"");
    }

    @Test
    void anAcceptHeaderThatDoesNotParseIsA400() throws Exception {
        MockHttpServletResponse response = filter(null, "garbage");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("\"header\":\"Accept\"");
    }

    @Test
    void validQueriesAndAcceptHeadersPass() throws Exception {
        assertThat(filter("asOf=2026-01-01&cluster=Den+Haag%20Zuid&page=0", "text/csv, application/json;q=0.5")
                .getStatus()).isEqualTo(200);
        assertThat(filter(null, "*/*").getStatus()).isEqualTo(200);
        assertThat(filter("flag&x=", null).getStatus()).isEqualTo(200);
    }
}
