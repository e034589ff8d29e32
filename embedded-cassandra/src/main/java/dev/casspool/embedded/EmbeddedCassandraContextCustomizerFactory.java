package dev.casspool.embedded;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the casspool starter of a Spring test at the nodes of its {@link EmbeddedCassandra}: registered in
 * {@code META-INF/spring.factories}, so that {@code @SpringBootTest} (or any Spring TestContext test) together with
 * {@code @EmbeddedCassandra} needs nothing else. Test classes without the annotation are left alone.
 */
final class EmbeddedCassandraContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedCassandra settings = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedCassandra.class);
        return settings == null ? null : new EmbeddedCassandraContextCustomizer(settings);
    }
}
