package io.vigil.launcher;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.vigil.processor.model.ModelCacheStore;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Rules over every module's main classes (the launcher has them all on its class path). */
@AnalyzeClasses(packages = "io.vigil", importOptions = ImportOption.DoNotIncludeTests.class)
class ProjectArchitectureTest {

  /**
   * Two deliberate exceptions. {@link RecordHeaders} is the only {@code Headers} implementation
   * Kafka ships, the one its own clients and documentation use. {@link ModelCacheStore} is a store
   * decorator in the shape of Kafka Streams' own caching store, and like it needs the internal
   * processor context to write a model back under the record context of the event that changed it.
   */
  @ArchTest
  static final ArchRule shouldUseNoLibrarysInternals =
      noClasses()
          .that()
          .resideInAPackage("io.vigil..")
          .and(not(belongToAnyOf(ModelCacheStore.class)))
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                      "io.github.resilience4j..internal..",
                      "com.fasterxml..internal..",
                      "org.apache.kafka..internals..",
                      "org.apache.kafka..internal..",
                      "io.micrometer..internal..",
                      "io.lettuce..internal..",
                      "io.opentelemetry..internal..")
                  .and(not(type(RecordHeaders.class))))
          .because(
              "a library's internal package can change in any release; only its public API is"
                  + " a contract");
}
