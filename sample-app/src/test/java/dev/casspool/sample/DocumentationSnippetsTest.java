package dev.casspool.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code java} block of the README and of {@code docs/} compiles as written, against what an application using
 * the starter has on its class path (this module's test class path: pool-core, the starter, Spring Boot, libthrift,
 * Cassandra's Thrift classes): imports shown, checked exceptions handled. So the docs cannot drift from the API.
 */
@Tag("boot-lines")
class DocumentationSnippetsTest {

    /** The repository root: tests run in the module's directory. */
    private static final Path ROOT = Path.of("..");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)", Pattern.MULTILINE);

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compiles(String where, String code, @TempDir Path out) throws IOException {
        Matcher publicType = PUBLIC_TYPE.matcher(code);
        Path source = out.resolve((publicType.find() ? publicType.group(1) : "Snippet") + ".java");
        Files.writeString(source, code, StandardCharsets.UTF_8);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            compiled = javac.getTask(null, files, diagnostics, List.of("-d", out.toString(), "-classpath",
                    classPath(), "-proc:none", "--release", "17"), null, files.getJavaFileObjects(source)).call();
        }

        assertThat(compiled).as("%s does not compile:%n%s%n%s", where, diagnostics.getDiagnostics().stream()
                .filter(diagnostic -> diagnostic.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(diagnostic -> "line " + diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n")), code).isTrue();
    }

    /** Guards against a parser that finds nothing, which would pass every time. */
    @Test
    void findsTheSnippets() throws IOException {
        assertThat(snippets().filter(snippet -> snippet[0].toString().startsWith("README.md"))).hasSizeGreaterThan(3);
        assertThat(snippets().filter(snippet -> snippet[0].toString().startsWith("docs/"))).isNotEmpty();
    }

    /** Each {@code java} block: where it starts ({@code README.md:42}) and its code. */
    static Stream<Object[]> snippets() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(doc -> doc.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<Object[]> snippets = new ArrayList<>();
        for (Path document : documents) {
            List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
            String name = ROOT.relativize(document).toString().replace(File.separatorChar, '/');
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("```java")) {
                    int start = i + 1;
                    StringBuilder code = new StringBuilder();
                    while (++i < lines.size() && !lines.get(i).strip().equals("```")) {
                        code.append(lines.get(i)).append('\n');
                    }
                    snippets.add(new Object[] {name + ":" + start, code.toString()});
                }
            }
        }
        return snippets.stream();
    }

    /** Surefire keeps the full test class path here when it starts the JVM with a manifest-only jar. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
