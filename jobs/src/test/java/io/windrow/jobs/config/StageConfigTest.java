package io.windrow.jobs.config;

import com.typesafe.config.Config;
import io.windrow.jobs.WindrowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsComeFromReferenceConf() {
        Config config = StageConfig.load(List.of(), List.of());
        assertThat(config.getInt("fixture.count")).isEqualTo(3);
        assertThat(config.getString("fixture.output")).isEqualTo("work/fixture");
        assertThat(config.getBoolean("windrow.overwrite")).isFalse();
    }

    @Test
    void filesOverrideInOrderAndSetsOverrideFiles() throws IOException {
        Path first = write("a.conf", "fixture { count = 5, name = first }");
        Path second = write("b.conf", "fixture.name = second");
        Config config = StageConfig.load(List.of(first, second), List.of("fixture.count=7"));
        assertThat(config.getInt("fixture.count")).isEqualTo(7);
        assertThat(config.getString("fixture.name")).isEqualTo("second");
    }

    @Test
    void workDirOverrideMovesDefaultPaths() {
        Config config = StageConfig.load(List.of(), List.of("windrow.work-dir=hdfs://nn:8020/tmp/w"));
        assertThat(config.getString("fixture.output")).isEqualTo("hdfs://nn:8020/tmp/w/fixture");
    }

    @Test
    void setKeepsStringsVerbatimAndParsesTypedValues() {
        Config config = StageConfig.load(List.of(),
                List.of("fixture.name=s3a://bucket/x // not a comment", "fixture.ratios=[0.5, 0.5]", "fixture.enabled=false"));
        assertThat(config.getString("fixture.name")).isEqualTo("s3a://bucket/x // not a comment");
        assertThat(config.getDoubleList("fixture.ratios")).containsExactly(0.5, 0.5);
        assertThat(config.getBoolean("fixture.enabled")).isFalse();
    }

    @Test
    void openMapsAcceptAnyKey() {
        Config config = StageConfig.load(List.of(), List.of("fixture.tables.bo_user.path=/data/u"));
        assertThat(config.getString("fixture.tables.bo_user.path")).isEqualTo("/data/u");
    }

    @Test
    void unknownKeyFailsWithItsFullPath() throws IOException {
        Path file = write("bad.conf", "fixture { cuont = 5 }");
        assertThatThrownBy(() -> StageConfig.load(List.of(file), List.of()))
                .isInstanceOf(WindrowException.class)
                .hasMessageContaining("unknown config key 'fixture.cuont'")
                .hasMessageContaining("bad.conf");
        assertThatThrownBy(() -> StageConfig.load(List.of(), List.of("fixture.nope=1")))
                .hasMessageContaining("unknown config key 'fixture.nope'");
    }

    @Test
    void wrongTypeFailsWithKeyAndValue() throws IOException {
        Path file = write("bad.conf", "fixture.count = many");
        assertThatThrownBy(() -> StageConfig.load(List.of(file), List.of()))
                .isInstanceOf(WindrowException.class)
                .hasMessageContaining("config key 'fixture.count'")
                .hasMessageContaining("expected a number");
        assertThatThrownBy(() -> StageConfig.load(List.of(), List.of("fixture.enabled=maybe")))
                .hasMessageContaining("fixture.enabled");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> StageConfig.load(List.of(missing), List.of()))
                .isInstanceOf(WindrowException.class)
                .hasMessage("config file not found: " + missing);
    }

    @Test
    void malformedSetIsRejected() {
        assertThatThrownBy(() -> StageConfig.load(List.of(), List.of("fixture.count")))
                .hasMessageContaining("KEY=VALUE");
    }

    @Test
    void renderRedactsSecrets() {
        Config config = StageConfig.load(List.of(), List.of());
        String rendered = StageConfig.render(config, List.of("fixture"));
        assertThat(rendered).contains("<redacted>").doesNotContain("hunter2").contains("plain");
    }

    @Test
    void helpListsKeysWithDefaultsAndMeanings() {
        String help = ConfigHelp.describe(List.of("fixture"));
        assertThat(help).contains("fixture.count = 3").contains("# How many things.");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
