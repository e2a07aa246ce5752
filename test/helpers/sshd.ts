export { startSshd, canStartSshd, SSHD, type Sshd } from '../../src/grpo/launchers/local-sshd';
