package io.vigil.detect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The detectors are pure maths: the NAB evaluation and benchmarks run them without Kafka. */
@AnalyzeClasses(packages = "io.vigil.detect", importOptions = ImportOption.DoNotIncludeTests.class)
class DetectorsArchitectureTest {

  @ArchTest
  static final ArchRule shouldNotDependOnKafkaJacksonOrSchemas =
      noClasses()
          .that()
          .resideInAPackage("io.vigil.detect..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..", "com.fasterxml..", "io.vigil.schemas..", "io.vigil.runtime..")
          .because("detectors are pure maths with no Kafka, JSON or service dependency");

  @ArchTest
  static final ArchRule shouldDependOnlyOnTheJdkAndRandomCutForest =
      noClasses()
          .that()
          .resideInAPackage("io.vigil.detect..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages("io.vigil.detect..", "java..", "com.amazon.randomcutforest..")
          .because(
              "the detectors module has no dependency but the JDK and the Random Cut Forest"
                  + " library (software.amazon.randomcutforest, itself pure Java)");
}
