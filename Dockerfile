# Untested here (no Docker engine on the development machines); provided for users who run Docker.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev || true
ENV HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", "apps/api/dist/main.js"]
