package nl.gezinscoaching.query.audit;

import java.time.Instant;
import java.util.List;
import nl.gezinscoaching.query.support.Csv;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Who read a family's data (managers), and whether the trail is intact (administrators). */
@RestController
class ReadAuditController {

    private final ReadAudit audit;
    private final ChainVerification verification;

    ReadAuditController(ReadAudit audit, ChainVerification verification) {
        this.audit = audit;
        this.verification = verification;
    }

    record FamilyReads(String trajectoryId, List<ReadAudit.Read> reads) {
    }

    @GetMapping(path = "/api/families/{trajectoryId}/reads", produces = MediaType.APPLICATION_JSON_VALUE)
    FamilyReads reads(@PathVariable String trajectoryId) {
        return new FamilyReads(trajectoryId, audit.readsOf(trajectoryId));
    }

    record ReadRow(Instant readAt, String reader, String purpose) {
    }

    @GetMapping(path = "/api/families/{trajectoryId}/reads", produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> readsCsv(@PathVariable String trajectoryId) {
        return Csv.of("reads-" + trajectoryId, ReadRow.class, audit.readsOf(trajectoryId).stream()
                .map(r -> new ReadRow(r.readAt(), r.reader(), r.purpose())).toList());
    }

    @GetMapping(path = "/api/admin/read-audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    ChainVerification.Verification verification() {
        return verification.verify();
    }
}
