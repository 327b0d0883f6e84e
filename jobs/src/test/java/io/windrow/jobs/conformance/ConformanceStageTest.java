package io.windrow.jobs.conformance;

import io.windrow.jobs.WindrowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The conformance stage's command-line arguments: files, folders (their .yaml files, sorted), errors. */
class ConformanceStageTest {
    @Test
    void foldersContributeTheirYamlFilesSorted(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/z.yaml"), "cases: []");
        Files.writeString(dir.resolve("a.yaml"), "cases: []");
        Files.writeString(dir.resolve("notes.txt"), "not a case file");
        Path single = dir.resolve("b/z.yaml");
        assertThat(ConformanceStage.caseFiles(List.of(dir.toString(), single.toString())))
                .containsExactly(dir.resolve("a.yaml"), dir.resolve("b/z.yaml"), single);
    }

    @Test
    void missingArgumentsAndFilesAreClearErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> ConformanceStage.caseFiles(List.of()))
                .isInstanceOf(WindrowException.class)
                .hasMessage("conformance needs case files: scripts/windrow conformance FILE.yaml|FOLDER...");
        String missing = dir.resolve("nope.yaml").toString();
        assertThatThrownBy(() -> ConformanceStage.caseFiles(List.of(missing)))
                .isInstanceOf(WindrowException.class)
                .hasMessage("conformance case file not found: " + missing);
    }
}
