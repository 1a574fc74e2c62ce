# Vigil's services in one image; the command picks the service (ingest, processor, sink, …).
# Build: docker build -t vigil:dev .   (the Maven build runs inside, no local JDK needed)
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl launcher -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 vigil && mkdir -p /var/lib/vigil && chown vigil /var/lib/vigil
WORKDIR /opt/vigil
COPY --from=build /src/launcher/target/vigil.jar /opt/vigil/vigil.jar
COPY --from=build /src/launcher/target/lib /opt/vigil/lib
COPY --from=build /src/launcher/target/otel /opt/vigil/otel
USER vigil
ENV VIGIL_PROCESSOR_STATE_DIR=/var/lib/vigil/state
# JSON logs on stdout; set JAVA_TOOL_OPTIONS=-javaagent:/opt/vigil/otel/opentelemetry-javaagent.jar
# (and OTEL_*) to trace, as docker-compose.yml does.
ENTRYPOINT ["java", "-jar", "/opt/vigil/vigil.jar"]
CMD ["--help"]
