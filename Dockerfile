# Aisle's images, one per host: APP=Silo or APP=Frontend. Build from the repository root (docker-compose.yml does):
#   docker build --build-arg APP=Silo     --build-arg DOTNET_IMAGES=<.NET image repository> -t aisle-silo .
#   docker build --build-arg APP=Frontend --build-arg DOTNET_IMAGES=<.NET image repository> -t aisle-frontend .
# DOTNET_IMAGES is the repository that holds Microsoft's official .NET images ("sdk" and "aspnet" tags 10.0);
# it is a build argument so that no registry is written into this repository. docs/deploy-gke.md shows a value.
ARG DOTNET_IMAGES
ARG APP=Silo

# --- build: all of src/ (projects reference each other and their set grows), then restore and publish.
FROM ${DOTNET_IMAGES}/sdk:10.0 AS build
ARG APP
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet restore src/${APP}/${APP}.csproj
RUN dotnet publish src/${APP}/${APP}.csproj -c Release --no-restore -o /app

# --- runtime: ASP.NET Core runtime only, non-root, the bundled catalog beside the binaries.
FROM ${DOTNET_IMAGES}/aspnet:10.0 AS runtime
ARG APP
WORKDIR /app
COPY --from=build /app ./
# The loader finds data/flipkart/ by walking up from the working directory.
COPY data/flipkart/ data/flipkart/
# Grain database (embedded mode) and the embedding cache; mount a volume here to keep the cache across restarts.
RUN mkdir -p /var/lib/aisle && chown $APP_UID /var/lib/aisle
ENV AISLE_APP=${APP} \
    ASPNETCORE_URLS=http://+:8080 \
    Aisle__DataDirectory=/var/lib/aisle \
    Aisle__ShowProgress=false \
    DOTNET_gcServer=1
EXPOSE 8080
USER $APP_UID
# No curl in the runtime image: bash's /dev/tcp asks /health/live for its status line.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# A shell only to name the assembly from AISLE_APP; exec hands PID 1 (and SIGTERM) to dotnet.
ENTRYPOINT ["sh", "-c", "exec dotnet Aisle.$AISLE_APP.dll \"$@\"", "aisle"]
