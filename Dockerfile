# The panel as an image (used by docker-compose.yml). Build stage: JDK 17 + Maven + Node for the frontend.
FROM maven:3.9-eclipse-temurin-17 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package

# Run stage: a JDK (not a JRE), because the rehearsal lab compiles a small Neo4j bootstrapper at run time.
FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY --from=build /src/target/upshift-*.jar /app/upshift.jar
ENV UPSHIFT_DATA_DIR=/data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/upshift.jar"]
