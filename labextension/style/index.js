import '@jupyter/chat/style/index.js';
import './exercises.css';
import './modules.css';
import './packages.css';
import './policy.css';
import './saveStatus.css';
import './tutor.css';
