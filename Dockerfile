# The API image. Build: docker build -t dossiers-api .   (no engine runs on our build machines; CI only lints compose)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Api/Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY workflows /workflows
COPY calendars /calendars
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Workflows__Path=/workflows \
    Calendars__Path=/calendars
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dossiers.Api.dll"]
