// Embedded-file imports (`with { type: 'file' }`) resolve to a path inside the binary.
declare module '*.css' {
  const path: string;
  export default path;
}
declare module 'swagger-ui-dist/swagger-ui-bundle.js' {
  const path: string;
  export default path;
}
declare module '*/swagger-init.js' {
  const path: string;
  export default path;
}
