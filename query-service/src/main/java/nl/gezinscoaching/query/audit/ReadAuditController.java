package nl.gezinscoaching.query.audit;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import nl.gezinscoaching.query.support.Csv;
import nl.gezinscoaching.query.support.Page;
import nl.gezinscoaching.query.support.PageInfo;
import nl.gezinscoaching.query.support.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who read a family's data (managers), and whether the trail is intact (administrators). */
@RestController
class ReadAuditController {

    private final ReadAudit audit;
    private final ChainVerification verification;
    private final FamilyReads reads;

    ReadAuditController(ReadAudit audit, ChainVerification verification, FamilyReads reads) {
        this.audit = audit;
        this.verification = verification;
        this.reads = reads;
    }

    /** @param page where {@code reads} lies in the whole list, and its total */
    record FamilyReadsView(String trajectoryId, PageInfo page, List<ReadAudit.Read> reads) {
    }

    @GetMapping(path = "/api/families/{trajectoryId}/reads", produces = MediaType.APPLICATION_JSON_VALUE)
    FamilyReadsView reads(@PathVariable String trajectoryId,
                          @RequestParam(defaultValue = "0") @PositiveOrZero int page,
                          @RequestParam(defaultValue = "" + PageRequest.DEFAULT_SIZE)
                          @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        Page<ReadAudit.Read> found = reads.readsOf(trajectoryId, new PageRequest(page, size));
        return new FamilyReadsView(trajectoryId, found.info(), found.items());
    }

    record ReadRow(Instant readAt, String reader, String purpose) {
    }

    /** The whole list, streamed. */
    @GetMapping(path = "/api/families/{trajectoryId}/reads", produces = Csv.MEDIA_TYPE)
    void readsCsv(@PathVariable String trajectoryId, HttpServletResponse response) throws IOException {
        Csv.stream(response, "reads-" + trajectoryId, ReadRow.class, sink -> reads.forEachRead(trajectoryId,
                r -> sink.accept(new ReadRow(r.readAt(), r.reader(), r.purpose()))));
    }

    @GetMapping(path = "/api/admin/read-audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    ChainVerification.Verification verification() {
        return verification.verify();
    }
}
