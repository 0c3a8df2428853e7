# syntax=docker/dockerfile:1
# One recipe for every deployable piece (docs/layout.md lists them). Build from the repository root, naming the
# piece's project; infra/build-images.sh does this for every piece:
#   docker build --build-arg PROJECT=services/incident/TrustSafety.Incident.csproj -t trustsafety/incident .
#   docker build --build-arg PROJECT=gateway/TrustSafety.Gateway/TrustSafety.Gateway.csproj -t trustsafety/gateway .
#   docker build --build-arg PROJECT=services/reporting/TrustSafety.Reporting.csproj --build-arg RUNTIME=chromium -t trustsafety/reporting .
# PROJECT  the piece's .csproj, relative to the repository root (required)
# RUNTIME  chiseled (default): no shell, no package manager, no tzdata (the app carries its own zoneinfo/, see
#          services/Telemetry/TrustSafety.Telemetry.csproj); chromium: Debian with headless Chromium, for reporting's
#          governor-pack PDFs (Reporting__ChromiumPath)
ARG PROJECT
ARG RUNTIME=chiseled

# The dashboard's browser libraries (Chart.js, oidc-client-ts) come from npm, pinned by web/package-lock.json; only the
# gateway serves them, the other pieces ignore the folder.
FROM node:22-bookworm-slim AS web
WORKDIR /src
COPY web/ web/
COPY gateway/TrustSafety.Gateway/wwwroot/ gateway/TrustSafety.Gateway/wwwroot/
RUN cd web && npm ci --no-audit --no-fund && node scripts/copy-lib.mjs

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
RUN test -n "$PROJECT" || { echo "--build-arg PROJECT=<the piece's .csproj> is required (docs/layout.md)" >&2; exit 1; }
WORKDIR /src
COPY nuget.config Directory.Build.props Directory.Packages.props ./
COPY contracts/ contracts/
COPY services/ services/
COPY gateway/ gateway/
COPY --from=web /src/gateway/TrustSafety.Gateway/wwwroot/lib/ gateway/TrustSafety.Gateway/wwwroot/lib/
RUN dotnet restore "$PROJECT"
RUN dotnet publish "$PROJECT" -c Release -o /app --no-restore -p:DashboardLibraries=skip
# The piece's native launcher (apphost) under one name, so one ENTRYPOINT starts any piece: the launcher carries the
# name of its .dll inside it, so a renamed copy still starts TrustSafety.<Piece>.dll beside it.
RUN name="$(dotnet msbuild "$PROJECT" -getProperty:AssemblyName)" \
 && test -x "/app/$name" && test -f "/app/$name.dll" \
 && mv "/app/$name" /app/trustsafety-piece

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime-chiseled

# Debian's chromium is a real package (Ubuntu's is a snap stub), hence the Debian-based runtime.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-trixie-slim AS runtime-chromium
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation \
 && rm -rf /var/lib/apt/lists/*
ENV HOME=/tmp

FROM runtime-${RUNTIME} AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_gcServer=0
# filtering-ingest also listens for syslog on 5514 (tcp, udp); its Deployment declares that port.
EXPOSE 8080
# Numeric, so Kubernetes' runAsNonRoot can verify it (the images' "app" user).
USER 1654
ENTRYPOINT ["/app/trustsafety-piece"]
