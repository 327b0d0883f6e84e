package io.windrow.train;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Checks that the ND4J backend on the classpath is the one {@code train.backend} asks for and
 * describes it (backend, device, threads). ND4J loads the first backend it finds when first used,
 * so the choice is made at build time ({@code -Pcuda}); this class turns a mismatch into a message
 * that says how to run on CPU.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    static final String HOW_TO_RUN_ON_CPU = "run on CPU with --set train.backend=cpu on the default build"
            + " (./mvnw package, nd4j-native), or --set train.backend-fallback=true to fall back automatically";

    private Backends() {}

    /** What the trainer runs on. */
    public record BackendInfo(String backend, String device, int threads, boolean cuda) {
        public String describe() {
            return backend + " on " + device + ", " + threads + " threads";
        }
    }

    /** Loads ND4J, checks it against the requested backend (cpu, cuda or auto) and logs what runs. */
    public static BackendInfo select(String requested, boolean fallback) {
        BackendInfo info;
        try {
            info = describe();
            if (info.cuda()) {
                Nd4j.ones(4, 4).mmul(Nd4j.ones(4, 4)).sumNumber(); // fails here on GPUs without kernels (Hopper)
            }
        } catch (Throwable e) {
            throw new IllegalStateException("the ND4J backend cannot run (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); the CUDA build needs CUDA 11.6 libraries (libcublas.so.11) and a GPU of"
                    + " compute capability 3.7-8.6 (T4, V100, A100, A10, RTX 30/40; not H100/H200); " + HOW_TO_RUN_ON_CPU, e);
        }
        if (requested.equals("cuda") && !info.cuda()) {
            String problem = "train.backend=cuda but ND4J loaded " + info.backend() + " (no CUDA backend on the"
                    + " classpath: build with ./mvnw -Pcuda -DskipTests package on a machine with CUDA 11.6 and a GPU of"
                    + " compute capability 3.7-8.6)";
            if (!fallback) {
                throw new IllegalArgumentException(problem + "; or " + HOW_TO_RUN_ON_CPU);
            }
            LOG.warn("{}; falling back to CPU (train.backend-fallback=true)", problem);
        }
        if (requested.equals("cpu") && info.cuda()) {
            throw new IllegalArgumentException("train.backend=cpu but ND4J loaded the CUDA backend; rebuild without -Pcuda"
                    + " or set the environment variable BACKEND_PRIORITY_CPU=1000 so ND4J prefers nd4j-native");
        }
        LOG.info("train backend: {}", info.describe());
        if (!info.cuda() && !"passive".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))) {
            LOG.warn("OMP_WAIT_POLICY is not passive: ND4J's OpenMP threads will spin between operations and slow"
                    + " the matrix multiplies down (about 1.5x per step on 2 cores); scripts/windrow sets it, or export"
                    + " OMP_WAIT_POLICY=passive before starting the JVM");
        }
        return info;
    }

    static BackendInfo describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        boolean cuda = backend.toLowerCase().contains("cuda") || backend.toLowerCase().contains("cublas");
        Object threads = env.getOrDefault("omp.threads", Runtime.getRuntime().availableProcessors());
        String device = cuda ? String.valueOf(env.getOrDefault("cuda.devicesInformation", "CUDA device")) : cpuName();
        return new BackendInfo(backend + (env.containsKey("blas.vendor") ? " (" + env.get("blas.vendor") + ")" : ""),
                device, Integer.parseInt(threads.toString()), cuda);
    }

    private static String cpuName() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("CPU");
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch", "CPU");
        }
    }
}
