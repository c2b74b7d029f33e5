#!/usr/bin/env node
// Process entry point of the whole CLI.
import { main } from './program.js';
import { runProcess } from './process-main.js';

runProcess(main);
