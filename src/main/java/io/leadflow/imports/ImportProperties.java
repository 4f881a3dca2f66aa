package io.leadflow.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code leadflow.imports.*}: the limits of an upload and how imports run.
 *
 * @param maxFileSize the largest file taken (also the multipart limit, spring.servlet.multipart)
 * @param maxRows the most rows below the header
 * @param maxUnzipped an .xlsx may expand to at most this much (a zip bomb expands further)
 * @param maxExpansion ... and no part of it more than this many times its compressed size
 * @param threads rows taken at the same time by one node (each in its own transaction)
 * @param previewRows rows a preview shows
 * @param lease how long a node holds an import without renewing; a node that died is taken
 *     over after this
 * @param poll how often each node looks for imports to run or take over
 */
@ConfigurationProperties("leadflow.imports")
record ImportProperties(
    @DefaultValue("50MB") DataSize maxFileSize,
    @DefaultValue("200000") int maxRows,
    @DefaultValue("1GB") DataSize maxUnzipped,
    @DefaultValue("100") int maxExpansion,
    @DefaultValue("4") int threads,
    @DefaultValue("20") int previewRows,
    @DefaultValue("60s") Duration lease,
    @DefaultValue("10s") Duration poll) {}
