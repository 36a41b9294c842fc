import { copyFileSync } from 'node:fs';
import { finaliseWebm, inspectWebm } from '../../src/media/webm-file.js';

copyFileSync('/tmp/media-rec.webm', '/tmp/media-rec2.webm');
console.log(JSON.stringify(inspectWebm('/tmp/media-rec2.webm')));
console.log('patched', finaliseWebm('/tmp/media-rec2.webm'));
console.log(JSON.stringify(inspectWebm('/tmp/media-rec2.webm')));
